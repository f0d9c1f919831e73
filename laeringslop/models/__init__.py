from .organisation import County, FormerNumber, Municipality, Region, Unit, UnitKind
from .people import CountyAssignment, Role, RoleAssignment, User

__all__ = ["County", "CountyAssignment", "FormerNumber", "Municipality", "Region", "Unit", "UnitKind", "Role", "RoleAssignment",
           "User"]
